// galmorph — CatalogIO
//
// Naming the identifier and position columns of a catalog.

/// Which columns hold the identifier and the position. `nil` means "find it by its usual names"
/// (`Catalog.raNames`, `Catalog.decNames`, `Catalog.idNames`, compared case-insensitively).
public struct CatalogColumnSelection: Sendable, Equatable {
  public var id: String?
  public var ra: String?
  public var dec: String?
  public init(id: String? = nil, ra: String? = nil, dec: String? = nil) {
    self.id = id
    self.ra = ra
    self.dec = dec
  }
}
