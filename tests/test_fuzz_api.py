"""The JSON API fuzzed from its own OpenAPI schema (schemathesis): every operation,
with generated path and query parameters, over the sample archive, must never
answer 500. (schemathesis' pytest fixtures do not run on pytest 9, so each
operation's hypothesis strategy is driven here directly.)"""
import os

import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from django.test import TestCase, override_settings
from hypothesis import HealthCheck, event, given, settings, strategies as st
from schemathesis.checks import not_a_server_error

from archive.models import Issue, Person
from tests.web_helpers import TempIndexClassMixin, import_samples

EXAMPLES = int(os.environ.get("FUZZ_API_EXAMPLES", 100))


@override_settings(API_RATE_LIMIT="")  # the limit's 429s would hide the answers being tested
class ApiFuzzTests(TempIndexClassMixin, TestCase):
    @classmethod
    def setUpTestData(cls):
        import_samples()

    def setUp(self):
        super().setUp()
        # As Django's test client does: a request's end must not close the test's
        # connection (on PostgreSQL it would, being inside the test's transaction).
        for signal in (request_started, request_finished):
            signal.disconnect(close_old_connections)
            self.addCleanup(signal.connect, close_old_connections)

    def test_no_operation_answers_500(self):
        schema = schemathesis.openapi.from_wsgi("/api/v1/schema", get_wsgi_application())
        operations = [result.ok() for result in schema.get_all_operations()]
        self.assertGreater(len(operations), 5)
        statuses, real = {}, real_values()
        for operation in operations:
            with self.subTest(operation.label):
                statuses[operation.label] = fuzz(operation, real)
        print("\nAPI fuzz:", {label: dict(sorted(s.items())) for label, s in statuses.items()})


def real_values() -> dict[str, list]:
    """Path parameters that exist, so that cases reach past the 404s."""
    issues = Issue.objects.select_related("paper")
    return {"paper": [i.paper.slug for i in issues], "date": [i.date.isoformat() for i in issues],
            "seq": list(range(1, 12)), "slug": list(Person.objects.values_list("slug", flat=True)),
            "fmt": ["csv", "json", "jsonl", "xlsx"]}


def fuzz(operation, real: dict) -> dict:
    """Run EXAMPLES generated cases, their path parameters often swapped for real
    ones (each independently, so mixtures happen too); returns the statuses seen."""
    seen = {}

    @settings(max_examples=EXAMPLES, deadline=None, database=None,
              suppress_health_check=list(HealthCheck))
    @given(case=operation.as_strategy(), data=st.data())
    def run(case, data):
        for name in list(case.path_parameters or {}):
            if name in real and data.draw(st.booleans()):
                case.path_parameters[name] = data.draw(st.sampled_from(real[name]))
        response = case.call_and_validate(checks=[not_a_server_error])
        seen[response.status_code] = seen.get(response.status_code, 0) + 1
        event(f"status {response.status_code}")

    run()
    return seen
