"""Cash devices (note recyclers, coin hoppers): interface, drivers and simulators."""
