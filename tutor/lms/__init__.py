"""Grades for learning-management systems: Gradescope's autograder results and bundle, Canvas's gradebook CSV."""
