"""The A4 document printer (IPP Everywhere): the interface the core sees and the IPP driver."""
