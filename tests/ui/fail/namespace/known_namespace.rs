seam::namespace!(pub acs::credentials);

fn main() {}
