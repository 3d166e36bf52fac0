"""Services every other app calls to read or change content (one module per concern)."""
