// galmorph — GalmorphCommands
//
// The de-biased retraining options `galmorph train` and `galmorph audit` share (issue 19).

import ArgumentParser
import MorphologyClassifier

/// `--context-augment` (with `--context-probability`, `--context-max-blur`, `--context-stars`), `--balance-by` and
/// `--adversary` (with `--adversary-weight`): training that keeps a network from learning the observing context of
/// its training sky (``ContextAugmentation``, ``GroupBalancing``, ``DomainAdversary``). Off by default; in an audit every model, sky-split and control
/// alike, trains with the same settings, so the audit's D measures what is left.
struct DebiasOptions: ParsableArguments {
  @Flag(
    name: .customLong("context-augment"),
    help:
      "Observing-context augmentation: random PSF blur, injected point sources, sky offsets and noise over the range measured on the training images."
  )
  var contextAugment = false

  @Option(name: .customLong("context-probability"), help: "With --context-augment: fraction of examples re-observed.")
  var contextProbability: Double = ContextAugmentation().probability

  @Option(name: .customLong("context-max-blur"), help: "With --context-augment: largest added PSF σ, input pixels.")
  var contextMaxBlur: Double = ContextAugmentation().maxBlur

  @Option(name: .customLong("context-stars"), help: "With --context-augment: mean injected point sources per stamp.")
  var contextStars: Double = ContextAugmentation().meanStars

  @Option(
    name: .customLong("balance-by"),
    help:
      "Equal total loss weight per group: healpix:NSIDE (NESTED pixels of RA/Dec) or column:NAME[:BINS] (equal-count bins of an observing-condition column, default 4)."
  )
  var balanceBy: String?

  @Option(
    help:
      "Domain-adversarial head with gradient reversal predicting the group: healpix:NSIDE or column:NAME[:BINS] (the same as --balance-by when both are given)."
  )
  var adversary: String?

  @Option(name: .customLong("adversary-weight"), help: "With --adversary: the largest gradient-reversal strength λ.")
  var adversaryWeight: Double = 0.3

  func validate() throws {
    guard (0...1).contains(contextProbability), contextMaxBlur >= 0, contextMaxBlur <= 10,
      contextStars >= 0, contextStars <= 20
    else {
      throw ValidationError(
        "need --context-probability in [0, 1], --context-max-blur in [0, 10] and --context-stars in [0, 20]")
    }
    for spec in [balanceBy, adversary].compactMap({ $0 }) {
      do { _ = try GroupBalancing(parsing: spec) } catch { throw ValidationError("\(error)") }
    }
    if let b = balanceBy, let a = adversary, a != b {
      throw ValidationError(
        "--balance-by \(b) and --adversary \(a) name different groups; the data carry one group per example")
    }
    guard adversaryWeight > 0, adversaryWeight <= 10 else {
      throw ValidationError("--adversary-weight must lie in (0, 10]")
    }
  }

  /// The context augmentation asked for (nil without --context-augment).
  var context: ContextAugmentation? {
    contextAugment
      ? ContextAugmentation(probability: contextProbability, maxBlur: contextMaxBlur, meanStars: contextStars) : nil
  }

  /// The group balancing asked for (nil without --balance-by).
  func balancing() throws -> GroupBalancing? { try balanceBy.map(GroupBalancing.init(parsing:)) }

  /// The domain adversary asked for (nil without --adversary).
  func domainAdversary() throws -> DomainAdversary? {
    try adversary.map { DomainAdversary(groups: try GroupBalancing(parsing: $0), weight: adversaryWeight) }
  }

  /// The groups the data must carry: those of --balance-by or --adversary (nil when neither is given).
  func groups() throws -> GroupBalancing? { try balancing() ?? domainAdversary()?.groups }

  /// Sets the de-biasing fields of `config` (its augmentation gets the context part; `symmetries` false keeps
  /// dihedral and shifts off).
  func apply(to config: inout TrainingConfiguration, symmetries: Bool = true) throws {
    if let context {
      config.augmentation =
        symmetries ? Augmentation(context: context) : Augmentation(dihedral: false, maxShift: 0, context: context)
    }
    config.groupBalancing = try balancing()
    config.adversary = try domainAdversary()
  }
}
