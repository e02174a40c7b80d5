// galmorph — AnisotropyAudit
//
// Module placeholder: the module's types live in files named after them (Type.swift, Type+Feature.swift).
