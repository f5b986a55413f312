"""Open data: the export document written in each format and table, the column dictionary, CSV
on the Web metadata and the DCAT-AP-SE description. Below the delivery packages: the site's
downloads, the CLI's export and DCAT all read the registry in `formats.py` (`FORMATS`, `TABLES`)."""
