"""The web view of a store: ``create_app(db)`` builds the FastAPI application ``dateline serve`` runs."""

from dateline.web.app import create_app

__all__ = ["create_app"]
