import pytest


@pytest.fixture(autouse=True)
def read_spool(settings, tmp_path):
    """Each test's beacon writes its own spool (files outlive the test's database)."""
    settings.NEWSDESK_READS_SPOOL_DIR = tmp_path / "reads"
    return settings.NEWSDESK_READS_SPOOL_DIR
