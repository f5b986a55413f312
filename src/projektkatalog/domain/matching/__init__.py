"""Entity resolution: one organisation or programme however it is spelt."""
