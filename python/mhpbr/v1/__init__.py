"""The mhpbr.v1 wire messages: protoc's modules of proto/mhpbr/v1/*.proto
(assessment_pb2, periods_pb2, pricing_pb2, compare_pb2, costing_pb2,
care_package_pb2, rule_set_pb2, report_pb2, outcomes_pb2), generated when the package is built (setup.py, or CMake's
python/ target), never written by hand. They need the protobuf runtime."""
