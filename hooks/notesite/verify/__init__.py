"""Verifying a site's examples: the pytest plugin (plugin.py) and the API that it and the serve-time checker
share (api.py)."""
