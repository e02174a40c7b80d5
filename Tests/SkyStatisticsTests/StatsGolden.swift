// galmorph — SkyStatisticsTests

import _GalmorphTestSupport

/// The scipy/astropy/statsmodels/healpy values written by Reference/gen_stats_golden.py.
struct StatsGolden: Decodable {
  struct BinomCase: Decodable { let k: Int, n: Int, p: Double, two_sided: Double, greater: Double, less: Double }
  struct IntervalCase: Decodable {
    let k: Int, n: Int, cl: Double
    let wilson: [Double], jeffreys: [Double], clopper_pearson: [Double], wilson_statsmodels: [Double]
  }
  struct FisherCase: Decodable {
    let table: [[Int]], odds_ratio: Double?, two_sided: Double, greater: Double, less: Double
  }
  struct ChiResult: Decodable { let statistic: Double, p: Double, dof: Int }
  struct ChiCase: Decodable { let table: [[Int]], yates: ChiResult, plain: ChiResult }
  struct ZCase: Decodable { let c1: Int, n1: Int, c2: Int, n2: Int, z: Double, two_sided: Double, smaller: Double }
  struct McNemarCase: Decodable { let b: Int, c: Int, exact: Double, mid_p: Double }
  struct StudentTCase: Decodable { let p: Double, dof: Double, ppf: Double, two_sided: Double }
  struct NormCase: Decodable { let x: [Double], cdf: [Double], sf: [Double], p: [Double], ppf: [Double], isf: [Double] }
  struct BetaCase: Decodable { let a: Double, b: Double, x: Double, value: Double }
  struct GammaCase: Decodable { let a: Double, x: Double, p: Double, q: Double }
  struct Chi2SF: Decodable { let x: Double, df: Int, sf: Double }
  struct Multi: Decodable { let p: [Double], bonferroni: [Double], holm: [Double], fdr_bh: [Double] }
  struct BernoulliCase: Decodable {
    let ra: [Double], dec: [Double], y: [Double], theta: [Double], lr: Double, p: Double
  }
  struct FitDipole: Decodable { let nside: Int, map: [Double?], monopole: Double, dipole: [Double] }

  let generator: String
  let binomtest: [BinomCase]
  let intervals: [IntervalCase]
  let fisher: [FisherCase]
  let chi2_contingency: [ChiCase]
  let two_proportion_z: [ZCase]
  let mcnemar: [McNemarCase]
  let student_t: [StudentTCase]
  let norm: NormCase
  let betainc: [BetaCase]
  let gammainc: [GammaCase]
  let chi2_sf: [Chi2SF]
  let multipletests: Multi
  let fit_dipole: FitDipole
  let bernoulli_fit: [BernoulliCase]

  static func load(testFile: String = #filePath) throws -> StatsGolden {
    try Reference.json(StatsGolden.self, "stats_golden.json", testFile: testFile)
  }
}

/// Relative tolerance required against scipy/statsmodels.
let goldenRtol = 1e-9
