// galmorph — benchmarks (never run under `swift test`): `swift run -c release GalmorphBench <case>`.
let cases = ["simulate"]
switch CommandLine.arguments.dropFirst().first {
case "simulate": SimulateBench.run()
default: print("GalmorphBench cases: \(cases.joined(separator: ", "))")
}
