"""Plans on a shared PostgreSQL server (docs/server.md): publish, open, edit together.

    publish("road.plan", "postgresql://pmo@db/plans")        -> ...?plan=road
    ServerProject.open("postgresql://pmo@db/plans?plan=road") (Project.open accepts it too)
"""

from planner.server.url import ServerURL, is_server_url, parse  # noqa: F401


def __getattr__(name):  # psycopg and SQLAlchemy's dialect load only when a server is used
    if name in ("ServerProject", "publish", "grant", "list_plans"):
        from planner.server import project

        return getattr(project, name)
    raise AttributeError(name)
