//! What a key can ask for. Keys become actions through the table in [`crate::keymap`];
//! [`crate::app::App::update`] applies them. Kept apart from both so that neither needs
//! the other to name one.

/// Everything a bound key can do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    Quit,
    Save,
    FocusNext,
    FocusPrevious,
    ToggleHelp,
    NextTalk,
    PreviousTalk,
    NextSlot,
    PreviousSlot,
    PreviousDay,
    NextDay,
    First,
    Last,
    EditNotes,
    ToggleAttended,
    ToggleSkipped,
    TogglePlanned,
    /// One more star for the talk, up to three; then none.
    Rate,
    CycleFilter,
    AddTalk,
    EditTalk,
    DeleteTalk,
    ImportSchedule,
    JumpToNow,
    Search,
    LeaveEditor,
    ToggleTask,
    InsertClockStamp,
    InsertOffsetStamp,
    /// The talk began now: `[+12:34]` stamps count from this moment.
    TalkBegan,
    NextFollowUp,
    PreviousFollowUp,
    ToggleFollowUpDone,
    JumpToFollowUp,
    ToggleShowDone,
    ToggleFollowUpPane,
    EditExternally,
    OpenLink,
    /// Teammates' notes on the selected talk.
    ShowTeam,
    /// Save, then sync with the remote now.
    SyncNow,
    Undo,
    Redo,
    // In pop-ups.
    /// Closes the pop-up: a question is answered no, a form is cancelled.
    ClosePopUp,
    /// The next line, link, match or field of the pop-up.
    PopUpDown,
    PopUpUp,
    PopUpPageDown,
    PopUpPageUp,
    /// Takes what the pop-up has selected or filled in: a link, a match, a form.
    Choose,
    Yes,
    No,
    /// Saving failed on quitting: writes a copy elsewhere, then quits.
    WriteRescueCopy,
}

impl Action {
    /// Whether the action only moves the selection (a talk, a slot, a day, a follow-up).
    pub fn navigates(self) -> bool {
        matches!(
            self,
            Action::NextTalk
                | Action::PreviousTalk
                | Action::NextSlot
                | Action::PreviousSlot
                | Action::PreviousDay
                | Action::NextDay
                | Action::First
                | Action::Last
                | Action::JumpToNow
                | Action::NextFollowUp
                | Action::PreviousFollowUp
        )
    }

    /// Whether the action changes the notebook (refused when it is read-only).
    pub fn modifies(self) -> bool {
        matches!(
            self,
            Action::ToggleAttended
                | Action::ToggleSkipped
                | Action::TogglePlanned
                | Action::Rate
                | Action::SyncNow
                | Action::AddTalk
                | Action::EditTalk
                | Action::DeleteTalk
                | Action::ImportSchedule
                | Action::ToggleTask
                | Action::InsertClockStamp
                | Action::InsertOffsetStamp
                | Action::TalkBegan
                | Action::ToggleFollowUpDone
                | Action::EditExternally
                | Action::Undo
                | Action::Redo
        )
    }
}
