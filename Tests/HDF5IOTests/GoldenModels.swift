// galmorph — HDF5IOTests
//
// Decodable shapes of the golden files written by Reference/gen_hdf5_golden.py (h5py).

import Foundation

/// `hdf5_samples_golden.json`: the tree of every file in the shared hdf5_samples folder, as h5py sees it.
struct SamplesGolden: Decodable {
  struct Filter: Decodable { var id: Int; var values: [UInt32] }
  struct Stats: Decodable { var count: Int; var nan: Int; var sum: Double; var min: Double; var max: Double }
  struct Dataset: Decodable {
    var shape: [Int]
    var dtype: String
    var byteOrder: String
    var chunks: [Int]?
    var filters: [Filter]
    var stats: Stats?
    var fields: [String: Field]?
  }
  struct Field: Decodable { var stats: Stats?; var strings: [String]? }
  struct Value: Decodable { var numbers: [Double]?; var strings: [String]? }
  struct Node: Decodable {
    var path: String
    var kind: String
    var target: String?
    var attributes: [String]?
    var attributeValues: [String: Value]?
    var dataset: Dataset?
  }
  struct File: Decodable { var file: String; var userBlock: Int; var nodes: [Node] }
  var generator: String
  var files: [File]
}

/// `h5py_types.json`: values of the datasets and attributes in `h5py_types.h5`.
struct TypesGolden: Decodable {
  var generator: String
  var numbers: [String: [Double]]
  var strings: [String: [String]]
  var attributes: [String: [String: SamplesGolden.Value]]
  var shapes: [String: [Int]]
}

/// `galaxy10_synthetic.json`: contents of `galaxy10_synthetic.h5`.
struct Galaxy10Golden: Decodable {
  var generator: String
  var shape: [Int]
  var imageSums: [Int]
  var firstPixels: [Int]
  var labels: [Int]
  var ra: [Double]
  var dec: [Double]
}
