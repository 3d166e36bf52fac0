from tests.localhttp import local_http  # noqa: F401  (fixture)
