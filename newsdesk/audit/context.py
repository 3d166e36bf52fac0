"""Who is acting right now, for events raised by model signals that carry no request.

A middleware records the request's user and address in a context variable; listeners read
it. Outside a request (commands, workers) there is no actor and the event says "system".
"""

from contextvars import ContextVar

_current_request = ContextVar("audit_current_request", default=None)


def current_request():
    return _current_request.get()


class AuditContextMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _current_request.set(request)
        try:
            return self.get_response(request)
        finally:
            _current_request.reset(token)
