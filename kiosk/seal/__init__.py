"""The city's electronic seal on issued documents: sealing (PAdES, pyHanko), checking a
sealed PDF against given trust roots, and a throwaway PKI for the demo and the tests."""
