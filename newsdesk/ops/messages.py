"""Django's MessageMiddleware, with the message storage made when something first uses it.

Django's middleware builds the storage for every request (a cookie storage with its
signer, a session storage, and a fallback over both: ≈ 15 µs), and at the response asks
it to store what was added. A reader's page never reads or adds a message, and a storage
nobody used stores nothing; so here the storage is made on first use and the response's
step skipped when it never was. Pages that add or show messages behave as with Django's.
"""

from django.contrib.messages.middleware import MessageMiddleware as DjangoMessageMiddleware
from django.contrib.messages.storage import default_storage
from django.utils.functional import SimpleLazyObject, empty


class MessageMiddleware(DjangoMessageMiddleware):
    def process_request(self, request):
        request._messages = SimpleLazyObject(lambda: default_storage(request))

    def process_response(self, request, response):
        messages = getattr(request, "_messages", None)
        if isinstance(messages, SimpleLazyObject) and messages._wrapped is empty:
            return response  # never made: nothing was added, nothing read
        return super().process_response(request, response)
