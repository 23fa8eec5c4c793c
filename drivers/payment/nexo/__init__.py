"""nexo Retailer "Sale to POI" card terminals over HTTP (generic 3.x JSON and Worldline)."""
