"""The read API (/api/v1/) and open-data exports."""
