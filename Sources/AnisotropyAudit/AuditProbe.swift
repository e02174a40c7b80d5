// galmorph — AnisotropyAudit
//
// The context probe of an audit (`galmorph audit --probe`): is the sky side, or the morphology, written in the
// background, and how much do the audit's models look outside the galaxies?

/// ROC AUC of a network trained on background-only cutouts (the galaxies removed) to predict a target, on its
/// held-out part: 95 % bootstrap interval over test galaxies and a label-permutation p (the model fixed).
public struct ProbeAUC: Codable, Sendable, Equatable {
  public var auc: Double
  public var interval95: [Double]
  public var permutationP: Double
  public var testCount: Int
  public init(auc: Double, interval95: [Double], permutationP: Double, testCount: Int) {
    self.auc = auc; self.interval95 = interval95; self.permutationP = permutationP; self.testCount = testCount
  }
}

/// One audit model's mean share of |attribution| outside the galaxies' footprints on the test galaxies of each side
/// of a split: Σ_outside |A| / Σ |A| per galaxy, averaged; the standard error is the sd over galaxies / √n.
public struct OutsideShare: Codable, Sendable, Equatable {
  public var model: String
  public var role: ModelRole
  /// Mean over side-A and side-B test galaxies.
  public var onA: Double, onB: Double
  public var errorA: Double, errorB: Double
  public var countA: Int, countB: Int
  public init(
    model: String, role: ModelRole, onA: Double, onB: Double, errorA: Double, errorB: Double, countA: Int, countB: Int
  ) {
    self.model = model; self.role = role; self.onA = onA; self.onB = onB; self.errorA = errorA; self.errorB = errorB
    self.countA = countA; self.countB = countB
  }
}

/// The probe of one split: the side probe and the outside shares of the split's side-A and side-B models (first
/// seed) and of control unit 1's reservoir-A model.
public struct SplitProbe: Codable, Sendable, Equatable {
  public var name: String
  public var side: ProbeAUC
  public var outsideShares: [OutsideShare]
  public init(name: String, side: ProbeAUC, outsideShares: [OutsideShare]) {
    self.name = name; self.side = side; self.outsideShares = outsideShares
  }
}

/// What `galmorph audit --probe` adds to audit.json.
public struct AuditProbe: Codable, Sendable, Equatable {
  /// How the galaxies were removed: `truth` (the simulator's galaxy-free rendering) or `segmentation`.
  public var background: String
  /// The attribution method of the outside shares (`integrated-gradients` by default).
  public var method: String
  /// The galaxy footprint of the outside shares: `truth` (the simulator's noiseless galaxy above 2σ of the sky
  /// noise) or `segmentation`.
  public var footprint: String
  /// Test galaxies per side whose attributions are averaged (at most).
  public var galaxiesPerSide: Int
  /// The morphology-label probe (one for the sample, shared by the splits).
  public var label: ProbeAUC
  public var splits: [SplitProbe]
  public var seconds: Double
  public init(
    background: String, method: String, footprint: String, galaxiesPerSide: Int, label: ProbeAUC,
    splits: [SplitProbe], seconds: Double
  ) {
    self.background = background; self.method = method; self.footprint = footprint;
    self.galaxiesPerSide = galaxiesPerSide; self.label = label
    self.splits = splits; self.seconds = seconds
  }
}
