"""Open data: the export document written in each format, the column dictionary and the
DCAT-AP-SE description. Below the delivery packages: the site's downloads, the CLI's export and
DCAT all read the one registry of formats in `formats.py`."""
