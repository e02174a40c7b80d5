// galmorph — benchmarks (never run under `swift test`): `swift run -c release GalmorphBench <case>`.
print("GalmorphBench: no cases yet")
