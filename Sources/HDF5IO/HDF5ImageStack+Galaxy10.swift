// galmorph — HDF5IO
//
// The Galaxy10 layout (Leung & Bovy, astroNN: Galaxy10 SDSS / Galaxy10 DECaLS): one HDF5 file with `images`
// [N, H, W, 3] uint8, `ans` [N] class labels 0–9 (uint8), and `ra`, `dec` [N] in degrees (float64); DECaLS also
// has `redshift` and `pxscale`, which are not needed here.

/// A Galaxy10-layout file: the image stack plus labels and sky positions, all with `N` entries.
public struct Galaxy10Layout: Sendable {
  /// The `images` stack.
  public let images: HDF5ImageStack
  /// The `ans` class labels (0–9).
  public let labels: [Int32]
  /// Right ascension in degrees (`ra`), if present.
  public let ra: [Double]?
  /// Declination in degrees (`dec`), if present.
  public let dec: [Double]?

  /// Reads `ans` (and `ra`/`dec` when present) and opens `images`. Throws `notFound` if `images` or `ans` is
  /// missing and `shapeMismatch` if the lengths disagree.
  public init(file: HDF5File) throws {
    images = try HDF5ImageStack(file: file, path: "images")
    labels = try file.dataset("ans").read(as: Int32.self)
    ra = file.exists("ra") ? try file.dataset("ra").read(as: Double.self) : nil
    dec = file.exists("dec") ? try file.dataset("dec").read(as: Double.self) : nil
    let n = images.count
    for (name, length) in [("ans", labels.count), ("ra", ra?.count ?? n), ("dec", dec?.count ?? n)] where length != n {
      throw HDF5IOError.shapeMismatch(
        file: file.displayPath, path: "/\(name)", reason: "\(length) entries but \(n) images")
    }
  }
}
