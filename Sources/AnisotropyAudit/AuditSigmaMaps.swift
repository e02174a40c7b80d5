// galmorph — AnisotropyAudit
//
// The σ-maps of an audit's dipoles, computed by the analysis with the same relabellings as the dipoles' p-values
// and stored beside audit.json, so that figures draw them instead of scanning again.

import FITSIO
import Foundation
import GalmorphSupport
import SkyGeometry
import SkyStatistics

/// Shamir's σ-maps of the audit's dipole sets (the true test labels, then every featured model's calls, in the order
/// of ``AuditResult/dipoles``), on HEALPix NSIDE ``nside`` axes.
///
/// At each axis a, σ(a) = (Δχ²(a) − mean_k Δχ²_k(a)) / sd_k Δχ²_k(a) over the first K′ = ``relabellings(dipolePermutations:)``
/// = min(K, 2000) of the K relabellings whose maximum Δχ² gives the set's look-elsewhere p (seed `baseSeed + set`:
/// 0 = truth, then the featured models; Shamir 2022, MNRAS 516, 2281). The σ's mean and sd over relabellings settle
/// long before the ⌈20·m/α⌉ relabellings the p-values need.
///
/// File (`sigma_maps.fits`): a HEALPix map table as `healpy.read_map(path, field=None)` reads it
/// (``FITSIO/HEALPixMapWriter``, RING ordering, celestial coordinates), one float64 column per set named as the set
/// (`truth`, model names), header cards `NRELABEL` (K′), `GMSEED` (the audit's base seed) and the audit's provenance.
public struct AuditSigmaMaps: Sendable, Equatable {
  /// The map file in an audit folder.
  public static let fileName = "sigma_maps.fits"
  /// HEALPix resolution of the axis grid (NSIDE 8: 768 axes, ≈ 7.3° apart).
  public static let nside = 8
  /// The most relabellings a σ-map uses.
  public static let maximumRelabellings = 2000

  /// K′ = min(K, ``maximumRelabellings``) for an audit of K dipole relabellings.
  public static func relabellings(dipolePermutations k: Int) -> Int { min(k, maximumRelabellings) }

  /// The axis grid: HEALPix NSIDE ``nside`` pixel centres in ring order.
  public static var grid: AxisGrid { .healpix(nside: nside) }

  /// K′, the relabellings behind every map.
  public var relabellings: Int
  /// The dipole sets' names ("truth", then model names), in ``AuditResult/dipoles`` order.
  public var names: [String]
  /// σ per axis of each set (12·nside² values in ring order), parallel to `names`.
  public var sigma: [[Double]]

  public init(relabellings: Int, names: [String], sigma: [[Double]]) {
    self.relabellings = relabellings; self.names = names; self.sigma = sigma
  }

  /// The σ values of the set `name`, or nil.
  public func sigma(of name: String) -> [Double]? { names.firstIndex(of: name).map { sigma[$0] } }

  /// Writes the maps atomically to `folder/sigma_maps.fits` with `provenance` cards.
  public func write(to folder: URL, provenance: Provenance) throws {
    let cards =
      [FITSCard("NRELABEL", relabellings, comment: "relabellings behind each sigma map")]
      + FITSCard.provenance(provenance)
    try HEALPixMapWriter(nside: Self.nside).write(
      columns: Array(zip(names, sigma)).map { (name: $0.0, values: $0.1) }, cards: cards,
      to: folder.appendingPathComponent(Self.fileName))
  }

  /// Reads `url` back.
  /// - Throws: `AuditError.input` naming the file and HDU 1 when it is not an NSIDE-``nside`` RING map table with
  ///   `NRELABEL`; FITS errors (naming file, HDU and column) when it is unreadable.
  public static func read(from url: URL) throws -> AuditSigmaMaps {
    let file = try FITSFile(url: url)
    let hdu = FITSHDU.index(1)
    let header = try file.header(hdu)
    func fail(_ reason: String) -> AuditError { .input(path: url.path, reason: "HDU 1: " + reason) }
    guard header.string("PIXTYPE") == "HEALPIX", header.int("NSIDE") == nside,
      header.string("ORDERING") == "RING"
    else {
      throw fail("not a RING-ordered HEALPix map table of NSIDE \(nside) (PIXTYPE, NSIDE, ORDERING)")
    }
    guard let k = header.int("NRELABEL"), k >= 1 else { throw fail("the NRELABEL card is missing or below 1") }
    let info = try file.tableInfo(hdu)
    var names: [String] = [], sigma: [[Double]] = []
    for column in info.columns {
      guard case let .double(values) = try file.readColumn(column.name, hdu: hdu).values,
        values.count == 12 * nside * nside
      else {
        throw fail("column '\(column.name)' is not \(12 * nside * nside) float64 values")
      }
      names.append(column.name)
      sigma.append(values)
    }
    return AuditSigmaMaps(relabellings: k, names: names, sigma: sigma)
  }
}
