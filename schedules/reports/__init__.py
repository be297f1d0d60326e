"""The steering committee's reports: reach breakdowns, gaps, exports, weekly e-mail."""
