"""Deployment: settings from the environment, `check --deploy`, security headers,
/healthz, logging, and that only staff can write."""
import json
import logging
import os
import secrets
import stat
import subprocess
import sys
import tempfile
from pathlib import Path
from unittest import mock

from django.contrib.auth.models import User
from django.test import Client, TestCase, override_settings
from django.urls import get_resolver, reverse

from archive.models import Article, Issue
from config.env import stored_secret
from config.logs import JsonFormatter
from tests.archive_helpers import TempDirMixin, run_import
from tests.search_helpers import TempIndexMixin

ROOT = Path(__file__).resolve().parents[1]


def manage(*args, **env):
    """manage.py in a fresh process with `env` over ours and a DATA_DIR of its own."""
    with tempfile.TemporaryDirectory() as data:
        full_env = {**os.environ, "DATA_DIR": data, **env}
        # tests/test_browser.py sets this for Playwright in the test process; a deployment never has it.
        full_env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        return subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=full_env,
                              capture_output=True, text=True, timeout=120)


class DeployCheckTests(TestCase):
    def test_check_deploy_is_clean_with_https(self):
        run = manage("check", "--deploy", "--fail-level", "WARNING", DEBUG="0", HTTPS="1",
                     SECRET_KEY=secrets.token_urlsafe(50), ALLOWED_HOSTS="example.org")
        self.assertEqual(run.returncode, 0, run.stdout + run.stderr)
        self.assertIn("no issues", run.stdout)

    def test_without_https_the_deploy_check_names_what_is_missing(self):
        run = manage("check", "--deploy", "--fail-level", "WARNING", DEBUG="0", HTTPS="",
                     SECRET_KEY=secrets.token_urlsafe(50), ALLOWED_HOSTS="example.org")
        self.assertNotEqual(run.returncode, 0)
        self.assertIn("security.W008", run.stdout + run.stderr)  # no SSL redirect

    def test_admin_path_comes_from_the_environment(self):
        code = "from django.urls import reverse; print(reverse('admin:index'))"
        run = manage("shell", "-c", code, ADMIN_PATH="/redaktion")
        self.assertEqual(run.stdout.split()[-1:], ["/redaktion/"], run.stderr)

    def test_a_server_without_secret_key_makes_and_keeps_its_own(self):
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / "secret_key"
            first = stored_secret(path)
            self.assertGreaterEqual(len(first), 50)
            self.assertEqual(stored_secret(path), first)
            self.assertEqual(stat.S_IMODE(path.stat().st_mode), 0o600)


class HeaderTests(TestCase):
    def test_pages_carry_the_security_headers(self):
        response = self.client.get("/")
        csp = response.headers["Content-Security-Policy"]
        self.assertIn("default-src 'self'", csp)
        self.assertIn("frame-ancestors 'none'", csp)
        self.assertNotIn("unsafe-inline", csp)
        self.assertNotIn("unsafe-eval", csp)
        self.assertEqual(response.headers["X-Frame-Options"], "DENY")
        self.assertEqual(response.headers["Referrer-Policy"], "same-origin")
        self.assertEqual(response.headers["X-Content-Type-Options"], "nosniff")

    def test_plain_http_is_served_without_https(self):
        self.assertEqual(self.client.get("/").status_code, 200)

    @override_settings(SECURE_SSL_REDIRECT=True, SECURE_REDIRECT_EXEMPT=[r"^healthz$"])
    def test_https_redirects_pages_but_not_the_health_probe(self):
        response = self.client.get("/")
        self.assertEqual(response.status_code, 301)
        self.assertTrue(response["Location"].startswith("https://"))
        self.assertNotEqual(self.client.get("/healthz").status_code, 301)


class HealthTests(TempIndexMixin, TempDirMixin, TestCase):
    def test_healthy(self):
        run_import(self.write("2024-03-05.txt"))
        response = self.client.get("/healthz")
        self.assertEqual(response.status_code, 200)
        body = response.json()
        self.assertEqual(body["status"], "ok")
        self.assertEqual(body["index"]["documents"], Article.objects.count())
        self.assertIn("no-cache", response.headers["Cache-Control"])

    def test_an_unreadable_index_is_503(self):
        with mock.patch("config.health.index", side_effect=OSError("gone")), \
                self.assertLogs("config.health", "ERROR"):
            response = self.client.get("/healthz")
        self.assertEqual(response.status_code, 503)
        self.assertEqual(response.json()["index"], {"ok": False})
        self.assertNotIn("gone", response.content.decode())  # details stay in the log


class LoggingTests(TestCase):
    def test_records_are_one_json_object_each(self):
        record = logging.makeLogRecord({"name": "django.request", "levelname": "WARNING",
                                        "msg": "Not Found: %s", "args": ("/x/",), "status_code": 404})
        entry = json.loads(JsonFormatter().format(record))
        self.assertEqual((entry["level"], entry["message"], entry["status_code"]),
                         ("WARNING", "Not Found: /x/", 404))

    def test_gunicorn_access_atoms_become_fields(self):
        atoms = {"h": "127.0.0.1", "m": "GET", "U": "/search/", "q": "q=1", "s": "200", "B": "512",
                 "M": "12", "a": "wrk", "f": "-"}
        record = logging.makeLogRecord({"name": "gunicorn.access", "msg": "%(h)s %(s)s", "args": atoms})
        entry = json.loads(JsonFormatter().format(record))
        self.assertEqual((entry["path"], entry["status"], entry["ms"]), ("/search/", "200", "12"))


class StaffOnlyTests(TempDirMixin, TestCase):
    """Every write goes through the admin (staff) or the shell; public URLs only read."""

    def setUp(self):
        super().setUp()
        run_import(self.write("2024-03-05.txt"))
        self.article = Article.objects.order_by("seq").first()

    def test_admin_needs_a_staff_login(self):
        change = reverse("admin:archive_article_change", args=[self.article.pk])
        self.assertEqual(self.client.get(change).status_code, 302)
        User.objects.create_user("reader", password="pw-reader-123")
        self.client.login(username="reader", password="pw-reader-123")
        response = self.client.post(change, {"title": "改掉"})
        self.assertEqual(response.status_code, 302)
        self.assertIn("login", response["Location"])
        self.article.refresh_from_db()
        self.assertNotEqual(self.article.title, "改掉")

    def test_public_urls_change_nothing(self):
        client = Client(enforce_csrf_checks=True)
        before = (Issue.objects.count(), Article.objects.count(), list(Article.objects.values()))
        urls = public_urls(self.article)
        self.assertGreaterEqual(len(urls), 3, urls)  # at least home, issue, article, /healthz
        for url in urls:
            for method in ("post", "put", "patch", "delete"):
                response = getattr(client, method)(url, {"title": "改掉"})
                self.assertLess(response.status_code, 500, f"{method} {url}")
                self.assertNotIn(response.status_code, (200, 201, 204), f"{method} {url} accepted a write")
        self.assertEqual(before, (Issue.objects.count(), Article.objects.count(), list(Article.objects.values())))


def public_urls(article) -> list[str]:
    """One URL for each named non-admin pattern, filled in from an imported article;
    a pattern with a parameter we cannot fill is left out."""
    issue = article.issue
    values = {"paper": issue.paper.slug, "date": issue.date, "seq": article.seq,
              "slug": issue.paper.slug, "person": "wang-xiao-ming", "pk": article.pk}
    root = get_resolver()
    names = [name for name in root.reverse_dict if isinstance(name, str)]
    for namespace, (_prefix, resolver) in root.namespace_dict.items():
        names += [f"{namespace}:{name}" for name in resolver.reverse_dict if isinstance(name, str)]
    urls = set()
    for name in names:
        for params in url_params(name):
            if set(params) <= set(values):
                urls.add(reverse(name, kwargs={p: values[p] for p in params}))
    admin = reverse("admin:index")
    return sorted(u for u in urls if not u.startswith(admin))


def url_params(name: str) -> list[list[str]]:
    resolver = get_resolver()
    *namespaces, name = name.split(":")
    for namespace in namespaces:
        resolver = resolver.namespace_dict[namespace][1]
    return [params for possibilities, *_ in resolver.reverse_dict.getlist(name)
            for _result, params in possibilities]
