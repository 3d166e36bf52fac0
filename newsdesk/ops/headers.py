"""Content-Security-Policy, the one header Django's SecurityMiddleware does not set.

The readers' site gets a strict policy: scripts and styles only from our own origin, no
inline script, no plugins, no framing. A stored-XSS payload that slipped past escaping and
the sanitizer would still not run. The desk and admin (rich-text editor, Django admin
widgets, the editor's inline import map) need inline styles and that one inline script, so
they get a policy that still forbids plugins, <base> hijacking and framing. Their content
is staff-only; everything readers see goes through the strict policy.
"""

from django.conf import settings

PUBLIC_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data: https:",
        "media-src 'self' https:",
        "font-src 'self'",
        "connect-src 'self'",
        "frame-src https:",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)

STAFF_POLICY = "; ".join(
    [
        "default-src 'self'",
        # django-prose-editor renders an inline <script type="importmap">.
        "script-src 'self' 'unsafe-inline'",
        "img-src 'self' data: https:",
        "style-src 'self' 'unsafe-inline'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)

PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=()"
STAFF_PREFIXES = ("/admin/", "/desk/")


def policy_for(path: str) -> str:
    overrides = getattr(settings, "NEWSDESK_CSP", None) or {}
    if path.startswith(STAFF_PREFIXES):
        return overrides.get("staff", STAFF_POLICY)
    return overrides.get("public", PUBLIC_POLICY)


class ContentSecurityPolicyMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if "Content-Security-Policy" not in response.headers:
            response.headers["Content-Security-Policy"] = policy_for(request.path)
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        return response
