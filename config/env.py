"""Reading settings from the environment."""
import os
import secrets
from pathlib import Path

TRUE = ("1", "true", "yes", "on")


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name, "").strip().lower()
    return value in TRUE if value else default


def env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def url_prefix(name: str, default: str) -> str:
    """A URL path prefix such as `admin/`: no leading slash, one trailing one."""
    value = os.environ.get(name, default).strip("/ ")
    return f"{value}/" if value else default


def stored_secret(path: Path) -> str:
    """A random key kept in `path` (mode 0600), made on first use. A server
    without SECRET_KEY thus gets a key of its own, never a known one, and keeps
    it across restarts so that sessions survive. Linking a finished temporary
    file makes the first writer win when several processes start at once."""
    if not path.exists():
        tmp = path.with_name(f".{path.name}.{os.getpid()}")
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w") as f:
            f.write(secrets.token_urlsafe(64))
        try:
            os.link(tmp, path)
        except FileExistsError:
            pass
        finally:
            tmp.unlink()
    return path.read_text().strip()
