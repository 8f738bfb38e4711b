//! Devices (locks) and the action attempts that act on them.

use super::State;

/// A device; the fake's devices are all locks.
#[derive(Debug, Clone)]
pub(crate) struct Device {
    pub(crate) device_id: String,
    pub(crate) workspace_id: String,
    /// The connected account it came through: one of its own in the fake.
    pub(crate) connected_account_id: String,
    pub(crate) display_name: String,
    pub(crate) locked: bool,
    pub(crate) created_at: String,
}

/// How an action attempt ends.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Outcome {
    /// `success`, and the action takes effect on the device.
    Success,
    /// `error`, with the error's `type` and `message`.
    Error { error_type: String, message: String },
    /// Never leaves `pending`.
    Pending,
}

/// An action a device was asked to perform.
#[derive(Debug, Clone)]
pub(crate) struct ActionAttempt {
    pub(crate) action_attempt_id: String,
    pub(crate) workspace_id: String,
    pub(crate) device_id: String,
    /// `LOCK_DOOR` or `UNLOCK_DOOR`.
    pub(crate) action_type: &'static str,
    /// What it will end as.
    pub(crate) outcome: Outcome,
    /// Polls of `/action_attempts/get` before it settles; zero once settled.
    pub(crate) polls_left: u32,
}

impl ActionAttempt {
    /// `pending`, `success` or `error`.
    pub(crate) fn status(&self) -> &'static str {
        match (&self.outcome, self.polls_left) {
            (Outcome::Pending, _) | (_, 1..) => "pending",
            (Outcome::Success, 0) => "success",
            (Outcome::Error { .. }, 0) => "error",
        }
    }
}

impl State {
    /// A new lock named `name` in `workspace_id`, locked; `None` when no workspace has that
    /// id.
    pub(crate) fn add_device(&mut self, workspace_id: &str, name: &str) -> Option<String> {
        if !self.has_workspace(workspace_id) {
            return None;
        }
        let connected_account_id = self.stamp().id;
        let stamp = self.stamp();
        self.devices.push(Device {
            device_id: stamp.id.clone(),
            workspace_id: workspace_id.to_owned(),
            connected_account_id,
            display_name: name.to_owned(),
            locked: true,
            created_at: stamp.created_at,
        });
        Some(stamp.id)
    }

    /// A new, pending attempt of `action_type` on device `device_id`, ending as the next
    /// forced outcome or in success. With `settle_now`, it is settled already.
    pub(crate) fn start_action_attempt(
        &mut self,
        workspace_id: &str,
        device_id: &str,
        action_type: &'static str,
        settle_now: bool,
    ) -> &ActionAttempt {
        let outcome = self
            .switches
            .next_outcomes
            .pop_front()
            .unwrap_or(Outcome::Success);
        let stamp = self.stamp();
        self.action_attempts.push(ActionAttempt {
            action_attempt_id: stamp.id,
            workspace_id: workspace_id.to_owned(),
            device_id: device_id.to_owned(),
            action_type,
            outcome,
            polls_left: self.switches.polls_to_settle.max(1),
        });
        let index = self.action_attempts.len() - 1;
        if settle_now {
            self.settle(index);
        }
        &self.action_attempts[index]
    }

    /// One poll of attempt `index`: a pending attempt comes one poll closer to its outcome.
    pub(crate) fn poll_action_attempt(&mut self, index: usize) -> &ActionAttempt {
        let attempt = &mut self.action_attempts[index];
        if attempt.outcome != Outcome::Pending && attempt.polls_left > 0 {
            attempt.polls_left -= 1;
            if attempt.polls_left == 0 {
                self.settle(index);
            }
        }
        &self.action_attempts[index]
    }

    /// Ends attempt `index` now (unless it is to stay pending); a success takes effect.
    fn settle(&mut self, index: usize) {
        let attempt = &mut self.action_attempts[index];
        if attempt.outcome == Outcome::Pending {
            return;
        }
        attempt.polls_left = 0;
        if attempt.outcome == Outcome::Success {
            let locked = attempt.action_type == "LOCK_DOOR";
            let device_id = attempt.device_id.clone();
            if let Some(device) = self.devices.iter_mut().find(|d| d.device_id == device_id) {
                device.locked = locked;
            }
        }
    }
}
