"""The Belgian eID: what a card holds, and how its certificates and signatures are trusted."""
