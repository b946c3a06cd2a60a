"""The public address of the site, for publishing.

The real domain is configured outside the repository, in the environment
variable ``QLEE_SITEURL`` (a GitHub repository variable in CI). Without it the
publish settings use a placeholder on the reserved ``.invalid`` top-level
domain (RFC 2606), which ``invoke publish`` refuses: no invented domain is
ever published.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from urllib.parse import urlsplit

ENV_VAR = "QLEE_SITEURL"
PLACEHOLDER = "https://domain-nicht-konfiguriert.invalid"

HOW_TO_SET = (
    f"Setzen Sie die Adresse der Website in der Umgebungsvariablen {ENV_VAR}, "
    f"z. B. „{ENV_VAR}=https://www.example.org python3 run.py publish“; "
    f"in GitHub unter „Settings → Secrets and variables → Actions → Variables“ "
    f"als Variable {ENV_VAR}."
)


class InvalidSiteUrl(ValueError):
    """QLEE_SITEURL is set but is not an absolute http(s) address."""


def site_url(environ: Mapping[str, str] | None = None) -> str:
    """The configured SITEURL without a trailing slash, or the placeholder when unset."""
    environ = os.environ if environ is None else environ
    raw = environ.get(ENV_VAR, "").strip()
    if not raw:
        return PLACEHOLDER
    parts = urlsplit(raw)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise InvalidSiteUrl(
            f"{ENV_VAR}=„{raw}“ ist keine vollständige Adresse. Erwartet wird eine Adresse "
            f"mit https://, z. B. „https://www.example.org“."
        )
    if parts.query or parts.fragment or parts.username or parts.password:
        raise InvalidSiteUrl(
            f"{ENV_VAR}=„{raw}“ darf weder „?“, „#“ noch Zugangsdaten enthalten; "
            f"z. B. „https://www.example.org“."
        )
    return raw.rstrip("/")


def is_placeholder(url: str) -> bool:
    return url == PLACEHOLDER


def cname(url: str) -> str | None:
    """The host name for GitHub Pages' CNAME file, or None.

    Only a custom domain needs one; ``*.github.io`` addresses are GitHub's own
    and the placeholder must never reach a CNAME file.
    """
    if is_placeholder(url):
        return None
    host = urlsplit(url).hostname or ""
    if host == "github.io" or host.endswith(".github.io"):
        return None
    return host
