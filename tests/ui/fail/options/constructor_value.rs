use seam::seam_endpoint;

#[seam_endpoint(POST "/acs/users/delete", constructor = 1)]
pub struct DeleteUser {
    pub acs_user_id: String,
}

fn main() {}
