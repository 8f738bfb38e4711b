seam::namespace!(pub widgets/gizmos);

fn main() {}
