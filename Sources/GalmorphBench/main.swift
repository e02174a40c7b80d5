// galmorph — benchmarks (never run under `swift test`): `swift run -c release GalmorphBench <case>`.
let cases = ["stats"]
switch CommandLine.arguments.dropFirst().first {
case "stats":
  do { try StatsBench.run() } catch { print("stats benchmark failed: \(error)") }
default:
  print("usage: GalmorphBench <case>; cases: \(cases.joined(separator: ", "))")
}
