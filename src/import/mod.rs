//! Importing the list's Markdown into data/.
