"""Receipt printers: the receipt document model, the printer interface and drivers."""
