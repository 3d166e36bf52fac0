from django_tasks import task

from newsdesk.readership import aggregation


@task()
def aggregate_reads_job() -> int:
    return aggregation.aggregate()
