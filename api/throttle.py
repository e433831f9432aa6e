"""The anonymous rate limit (settings.API_RATE_LIMIT) of the API and exports.

ninja builds its throttle objects once, at import, with a fixed rate; this one
reads the setting on every request, so that a test's override_settings or a
changed environment takes effect."""
from django.conf import settings
from ninja.throttling import AnonRateThrottle


class AnonymousLimit(AnonRateThrottle):
    def __init__(self):
        self.rate = None

    def allow_request(self, request) -> bool:
        self.rate = settings.API_RATE_LIMIT or None
        if not self.rate:
            return True
        self.num_requests, self.duration = self.parse_rate(self.rate)
        return super().allow_request(request)

    def get_cache_key(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            return None  # editors signed in to the admin are not limited
        return super().get_cache_key(request)
