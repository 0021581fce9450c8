"""Who acts for a supplier: members and their invitations (`invitations`, `memberships`), and the cluster
coordinators who onboard artisans and act for them (`coordinators`). Views and the admin call these services;
every rule (who may, never zero owners, a link used once) lives here."""
