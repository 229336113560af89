//! Who is contacting me? One check for whatever a worker has in hand: a
//! phone number, a messenger or social handle, a web address, a card.

pub mod check_contact;
