"""Ingestion channels: paste, upload, URL, RSS/Atom feeds and live blogs, all into document_create."""
