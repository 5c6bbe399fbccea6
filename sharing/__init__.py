"""Answers to send: a phone-sized PNG of a calculator's answer with a QR code of its link."""
