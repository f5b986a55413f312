"""Django settings: `base` reads everything from the environment; `test` and `production` adjust."""
