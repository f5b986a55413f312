"""The catalogue: models, the services that write them and the selectors that read them."""
