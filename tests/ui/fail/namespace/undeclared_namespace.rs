use seam::seam_endpoint;

#[seam_endpoint(POST "/widgets/frobnicate")]
pub struct FrobnicateWidget {
    pub widget_id: String,
}

fn main() {}
