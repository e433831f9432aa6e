"""Response headers that Django's SecurityMiddleware does not set."""
from django.conf import settings


def policy(directives: dict) -> str:
    return "; ".join(f"{name} {' '.join(values)}".strip() for name, values in directives.items())


class SecurityHeadersMiddleware:
    """Content-Security-Policy and Permissions-Policy on every response that
    does not set its own. The policy allows only our own files: templates must
    load CSS and JS from static/ and use no inline <script>, style="" or on*=."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.csp = policy(settings.CONTENT_SECURITY_POLICY)
        self.permissions = settings.PERMISSIONS_POLICY

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Content-Security-Policy", self.csp)
        response.headers.setdefault("Permissions-Policy", self.permissions)
        return response
