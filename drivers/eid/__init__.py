"""Belgian eID: card data model, reader interface, PC/SC driver and simulators."""
