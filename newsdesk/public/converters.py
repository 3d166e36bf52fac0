class UnicodeSlugConverter:
    """Slugs may hold any word characters, so Persian or Russian slugs route too."""

    regex = r"[-\w]+"

    def to_python(self, value):
        return value

    def to_url(self, value):
        return value


class PageNumberConverter:
    """Any path segment; the view decides whether it is a page, so junk answers 404."""

    regex = r"[^/]+"

    def to_python(self, value):
        return value

    def to_url(self, value):
        return str(value)
