// Apps Script methods that @types/google-apps-script 2.0.13 does not declare yet.
declare namespace GoogleAppsScript {
  namespace Forms {
    interface FormApp {
      /** reference/forms/form-app#create(String,Boolean): a new Form in the given publish state. */
      create(title: string, isPublished: boolean): Form;
    }
    interface Form {
      /** reference/forms/form#setPublished(Boolean): publishing also starts accepting responses. */
      setPublished(enabled: boolean): Form;
      /** reference/forms/form#isPublished() */
      isPublished(): boolean;
    }
  }
}
